package io.tutela.portal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the subject portal's sign-in ({@code tutela.portal.*}).
 *
 * @param codeValidity how long a one-time code signs in
 * @param maxAttempts wrong codes allowed before the code stops working
 * @param sendsPerWindow codes sent to one address of one controller within
 * {@code sendWindow}; more are not sent (the page answers the same)
 * @param sendWindow the window of {@code sendsPerWindow}
 * @param sessionTimeout how long a signed-in person stays signed in after the last page
 */
@ConfigurationProperties("tutela.portal")
record PortalProperties(@DefaultValue("PT10M") Duration codeValidity, @DefaultValue("5") int maxAttempts,
		@DefaultValue("3") int sendsPerWindow, @DefaultValue("PT15M") Duration sendWindow,
		@DefaultValue("PT30M") Duration sessionTimeout) {

	PortalProperties {
		if (codeValidity.isNegative() || codeValidity.isZero() || sendWindow.isNegative() || sessionTimeout.isNegative()
				|| sessionTimeout.isZero()) {
			throw new IllegalArgumentException("tutela.portal durations must be positive");
		}
		if (maxAttempts < 1 || sendsPerWindow < 1) {
			throw new IllegalArgumentException("tutela.portal.max-attempts and sends-per-window must be at least 1");
		}
	}

}
