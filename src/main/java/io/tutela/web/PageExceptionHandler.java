package io.tutela.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/** Errors of console pages, shown as a page in the person's language. */
@ControllerAdvice(annotations = ConsolePage.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(PageExceptionHandler.class);

	@ExceptionHandler({ NotFoundException.class, MethodArgumentTypeMismatchException.class })
	@ResponseStatus(HttpStatus.NOT_FOUND)
	ModelAndView notFound() {
		ModelAndView view = new ModelAndView("error/page");
		view.addObject("status", 404);
		view.addObject("messageKey", "error.notFound");
		return view;
	}

	@ExceptionHandler(Exception.class)
	@ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
	ModelAndView unexpected(Exception ex) {
		log.error("Unexpected error on a page: {}", SafeLog.describe(ex));
		ModelAndView view = new ModelAndView("error/page");
		view.addObject("status", 500);
		view.addObject("messageKey", "error.unexpected");
		return view;
	}

}
