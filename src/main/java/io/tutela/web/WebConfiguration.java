package io.tutela.web;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
		interceptor.setParamName("lang");
		interceptor.setIgnoreInvalidLocale(true);
		registry.addInterceptor(interceptor).excludePathPatterns("/api/**", "/v3/**", "/actuator/**");
	}

	/**
	 * The handler mapping of Spring MVC, which asks each mapping's path patterns before
	 * its other conditions, and before that an index of the patterns' {@link PathShape}s:
	 * a request whose path has a variable is tried against every one of some 250
	 * mappings, and all but a few fail on the path. The index, built once the mappings
	 * are registered, tells by the path's segments (their number, then the text of each
	 * mapping's shape of that size) which mappings may match it; every other one is
	 * turned away with one lookup. A mapping registered later, which the index does not
	 * know, is asked as the framework asks it. The same mappings match as when every
	 * condition is asked in the framework's order.
	 */
	static final class PathFirstMappings extends RequestMappingHandlerMapping {

		private volatile @Nullable Index index;

		/** What the index tells of the path being looked up on this thread. */
		private final ThreadLocal<@Nullable Candidates> lookingUp = new ThreadLocal<>();

		@Override
		public void afterPropertiesSet() {
			super.afterPropertiesSet();
			this.index = index(getHandlerMethods().keySet());
		}

		/** How many mappings the index knows (0 before it is built). */
		int indexed() {
			Index known = this.index;
			return (known != null) ? known.ordinals().size() : 0;
		}

		@Override
		protected HandlerMethod getHandlerInternal(HttpServletRequest request) throws Exception {
			Candidates before = this.lookingUp.get();
			Index known = this.index;
			String[] segments = (known != null && ServletRequestPathUtils.hasParsedRequestPath(request))
					? PathShape.segments(ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication())
					: null;
			this.lookingUp.set((known != null && segments != null) ? known.candidates(segments) : null);
			try {
				return super.getHandlerInternal(request);
			}
			finally {
				this.lookingUp.set(before);
			}
		}

		@Override
		protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
			Candidates candidates = this.lookingUp.get();
			if (candidates != null && !candidates.mayMatch(info)) {
				return null;
			}
			PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
			if (patterns != null && patterns.getMatchingCondition(request) == null) {
				return null;
			}
			return super.getMatchingMapping(info, request);
		}

		/** The index of the mappings' shapes. */
		private Index index(Set<RequestMappingInfo> infos) {
			PathPatternParser parser = getPatternParser();
			// text compared ignoring case is left to the patterns
			boolean shaped = parser != null && parser.isCaseSensitive();
			IdentityHashMap<RequestMappingInfo, Integer> ordinals = new IdentityHashMap<>();
			BitSet always = new BitSet();
			Map<Integer, List<Shaped>> bySize = new HashMap<>();
			for (RequestMappingInfo info : infos) {
				int ordinal = ordinals.size();
				ordinals.put(info, ordinal);
				PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
				List<PathShape> shapes = (shaped && patterns != null)
						? patterns.getPatterns().stream().map((p) -> PathShape.of(p.getPatternString())).toList()
						: List.of(PathShape.ANY);
				for (PathShape shape : shapes) {
					if (shape.size() < 0) {
						always.set(ordinal);
					}
					else {
						bySize.computeIfAbsent(shape.size(), (n) -> new ArrayList<>()).add(new Shaped(ordinal, shape));
					}
				}
			}
			return new Index(ordinals, always, bySize);
		}

		/**
		 * The mappings known, by identity, with their ordinals; those that may match any
		 * path; the shapes of the others by their number of segments.
		 */
		private record Index(IdentityHashMap<RequestMappingInfo, Integer> ordinals, BitSet always,
				Map<Integer, List<Shaped>> bySize) {

			Candidates candidates(String[] segments) {
				BitSet may = (BitSet) this.always.clone();
				for (Shaped s : this.bySize.getOrDefault(segments.length, List.of())) {
					if (s.shape().mayMatch(segments)) {
						may.set(s.ordinal());
					}
				}
				return new Candidates(this.ordinals, may);
			}

		}

		private record Shaped(int ordinal, PathShape shape) {
		}

		/** The mappings that may match a path, of those the index knows. */
		private record Candidates(IdentityHashMap<RequestMappingInfo, Integer> ordinals, BitSet may) {

			boolean mayMatch(RequestMappingInfo info) {
				Integer ordinal = this.ordinals.get(info);
				return ordinal == null || this.may.get(ordinal);
			}

		}

	}

}
