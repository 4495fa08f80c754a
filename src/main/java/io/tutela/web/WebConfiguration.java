package io.tutela.web;

import java.util.Locale;
import java.util.IdentityHashMap;
import java.util.Map;

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
	 * its other conditions, and of each pattern first its {@link PathShape}: a request
	 * whose path has a variable is tried against every one of some 250 mappings, and all
	 * but a few fail on the path, which is quicker to ask than the method (read through
	 * each wrapper of the request) and the headers, and quicker still by its segments'
	 * number and text than by matching the pattern. The same mappings match as when every
	 * condition is asked in the framework's order.
	 */
	static final class PathFirstMappings extends RequestMappingHandlerMapping {

		/**
		 * The shapes of each mapping's patterns, copied on write, read without a lock.
		 */
		private volatile Map<RequestMappingInfo, PathShape[]> shapes = new IdentityHashMap<>();

		/** The segments of the path of the request being looked up on this thread. */
		private final ThreadLocal<Segments> lookingUp = new ThreadLocal<>();

		@Override
		protected HandlerMethod getHandlerInternal(HttpServletRequest request) throws Exception {
			Segments before = this.lookingUp.get();
			this.lookingUp.set(ServletRequestPathUtils.hasParsedRequestPath(request)
					? new Segments(PathShape
						.segments(ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication()))
					: null);
			try {
				return super.getHandlerInternal(request);
			}
			finally {
				this.lookingUp.set(before);
			}
		}

		@Override
		protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
			PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
			if (patterns != null
					&& (!mayMatch(info, patterns, request) || patterns.getMatchingCondition(request) == null)) {
				return null;
			}
			return super.getMatchingMapping(info, request);
		}

		private boolean mayMatch(RequestMappingInfo info, PathPatternsRequestCondition patterns,
				HttpServletRequest request) {
			Segments lookingUp = this.lookingUp.get();
			String[] segments = (lookingUp != null) ? lookingUp.values()
					: PathShape.segments(ServletRequestPathUtils.getParsedRequestPath(request).pathWithinApplication());
			for (PathShape shape : shapes(info, patterns)) {
				if (shape.mayMatch(segments)) {
					return true;
				}
			}
			return false;
		}

		private PathShape[] shapes(RequestMappingInfo info, PathPatternsRequestCondition patterns) {
			PathShape[] known = this.shapes.get(info);
			if (known != null) {
				return known;
			}
			PathPatternParser parser = getPatternParser();
			// text compared ignoring case is left to the patterns
			PathShape[] made = (parser == null || !parser.isCaseSensitive()) ? new PathShape[] { PathShape.ANY }
					: patterns.getPatterns()
						.stream()
						.map((p) -> PathShape.of(p.getPatternString()))
						.toArray(PathShape[]::new);
			synchronized (this) {
				Map<RequestMappingInfo, PathShape[]> copy = new IdentityHashMap<>(this.shapes);
				copy.put(info, made);
				this.shapes = copy;
			}
			return made;
		}

		/** A path's segments, or null when it is not plain segments. */
		private record Segments(String @Nullable [] values) {
		}

	}

}
