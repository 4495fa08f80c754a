package io.tutela.requests;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Runs the purge of identity proofs on its schedule. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Scheduling {

}
