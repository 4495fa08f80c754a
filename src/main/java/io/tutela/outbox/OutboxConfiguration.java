package io.tutela.outbox;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Delivery runs on a schedule; module listeners (the change of notice) run apart from the
 * request that caused them.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableAsync
class OutboxConfiguration {

}
