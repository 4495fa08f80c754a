package io.tutela.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Pages speak Italian unless the person chooses English ({@code ?lang=en}, remembered in
 * a cookie). Requests are mapped to their handlers by path first.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	@Bean
	LocaleResolver localeResolver() {
		CookieLocaleResolver resolver = new CookieLocaleResolver("tutela-lang");
		resolver.setDefaultLocale(Locale.ITALIAN);
		return resolver;
	}

	@Bean
	WebMvcRegistrations pathFirstMappings() {
		return new WebMvcRegistrations() {
			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new PathFirstMappings();
			}
		};
	}

	/**
	 * Answers are JSON (or the CSV, PDF and text some endpoints write themselves): no XML
	 * or YAML renderings of Tutela's records by other libraries' rules, which the
	 * framework would offer because those libraries are on the class path, and which
	 * every answer's negotiation would otherwise ask.
	 */
	@Override
	public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
		builder.configureMessageConvertersList((converters) -> converters.removeIf(
				(c) -> !c.getSupportedMediaTypes().isEmpty() && c.getSupportedMediaTypes().stream().allMatch((type) -> {
					String subtype = type.getSubtype();
					return subtype.endsWith("xml") || subtype.endsWith("yaml");
				})));
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName("lang");
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor).excludePathPatterns("/api/**", "/v3/**", "/actuator/**");
	}

	/**
	 * The handler mapping of Spring MVC, which asks each mapping's path patterns before
	 * its other conditions, and asks only the mappings an index of the patterns'
	 * {@link PathShape}s names: a request whose path has a variable would otherwise be
	 * tried against every one of some 250 mappings, of which all but a few fail on the
	 * path. The index, built once the mappings are registered and again whenever one is
	 * registered or removed later, tells by the path's segments (their number, then the
	 * text of each mapping's shape of that size) which mappings may match it. When
	 * exactly one of them matches, it is the framework's answer too (no other mapping can
	 * match the path); when none or several do, or the path is not plain segments, the
	 * framework looks the request up as it always does. The same mappings match as when
	 * every condition is asked in the framework's order.
	 */
	static final class PathFirstMappings extends RequestMappingHandlerMapping {

		/** The index of the mappings registered; null while it is being built again. */
		private volatile @Nullable Index index;

		private volatile boolean initialized;

		@Override
		public void afterPropertiesSet() {
			super.afterPropertiesSet();
			this.index = index(getHandlerMethods());
			this.initialized = true;
		}

		/**
		 * A mapping registered after the index was built: lookups ask the framework until
		 * the index knows it (a lookup holds the registry's read lock, which the
		 * registration waits for, so none sees the registration without it).
		 */
		@Override
		public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
			reindexed(() -> super.registerMapping(mapping, handler, method));
		}

		@Override
		protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
			reindexed(() -> super.registerHandlerMethod(handler, method, mapping));
		}

		@Override
		public void unregisterMapping(RequestMappingInfo mapping) {
			reindexed(() -> super.unregisterMapping(mapping));
		}

		private void reindexed(Runnable change) {
			this.index = null;
			change.run();
			if (this.initialized) {
				this.index = index(getHandlerMethods());
			}
		}

		/** How many mappings the index knows (0 while there is none). */
		int indexed() {
			Index known = this.index;
			return (known != null) ? known.size() : 0;
		}

		@Override
		protected @Nullable HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
				throws Exception {
			Index known = this.index;
			String[] segments = (known != null && ServletRequestPathUtils.hasParsedRequestPath(request))
					? PathShape.segments(ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication())
					: null;
			if (known == null || segments == null) {
				return super.lookupHandlerMethod(lookupPath, request);
			}
			RequestMappingInfo matched = null;
			HandlerMethod handler = null;
			for (Registered candidate : known.candidates(segments)) {
				RequestMappingInfo match = getMatchingMapping(candidate.info(), request);
				if (match != null) {
					if (matched != null) {
						// several: the framework picks the best
						return super.lookupHandlerMethod(lookupPath, request);
					}
					matched = match;
					handler = candidate.handler();
				}
			}
			if (matched == null || handler == null) {
				return super.lookupHandlerMethod(lookupPath, request);
			}
			// as the framework does with its one match
			request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
			handleMatch(matched, lookupPath, request);
			return handler;
		}

		@Override
		protected @Nullable RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
			PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
			if (patterns != null && patterns.getMatchingCondition(request) == null) {
				return null;
			}
			return super.getMatchingMapping(info, request);
		}

		/** The index of the mappings' shapes. */
		private Index index(Map<RequestMappingInfo, HandlerMethod> registered) {
			PathPatternParser parser = getPatternParser();
			// text compared ignoring case is left to the patterns
			boolean shaped = parser != null && parser.isCaseSensitive();
			List<Registered> always = new ArrayList<>();
			Map<Integer, List<Shaped>> bySize = new HashMap<>();
			for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : registered.entrySet()) {
				Registered mapping = new Registered(entry.getKey(), entry.getValue());
				PathPatternsRequestCondition patterns = mapping.info().getPathPatternsCondition();
				List<PathShape> shapes = (shaped && patterns != null)
						? patterns.getPatterns().stream().map((p) -> PathShape.of(p.getPatternString())).toList()
						: List.of(PathShape.ANY);
				if (shapes.stream().anyMatch((shape) -> shape.size() < 0)) {
					always.add(mapping);
					continue;
				}
				// a mapping is named once for a size, however many of its patterns have
				// it
				shapes.stream()
					.map(PathShape::size)
					.distinct()
					.forEach((size) -> bySize.computeIfAbsent(size, (n) -> new ArrayList<>())
						.add(new Shaped(mapping, shapes.stream().filter((shape) -> shape.size() == size).toList())));
			}
			return new Index(registered.size(), List.copyOf(always), bySize);
		}

		/**
		 * How many mappings are known; those that may match any path; the others by their
		 * number of segments, with their shapes of that size.
		 */
		private record Index(int size, List<Registered> always, Map<Integer, List<Shaped>> bySize) {

			/** The mappings that may match a path of these segments. */
			List<Registered> candidates(String[] segments) {
				List<Registered> may = new ArrayList<>(this.always);
				for (Shaped s : this.bySize.getOrDefault(segments.length, List.of())) {
					if (s.mayMatch(segments)) {
						may.add(s.mapping());
					}
				}
				return may;
			}

		}

		/** A mapping and its handler. */
		private record Registered(RequestMappingInfo info, HandlerMethod handler) {
		}

		/** A mapping with its patterns' shapes of one size. */
		private record Shaped(Registered mapping, List<PathShape> shapes) {

			boolean mayMatch(String[] segments) {
				for (PathShape shape : this.shapes) {
					if (shape.mayMatch(segments)) {
						return true;
					}
				}
				return false;
			}

		}

	}

}
