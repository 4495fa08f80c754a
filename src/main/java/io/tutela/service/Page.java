package io.tutela.service;

import java.util.List;

/** One page of a list: which page, its size, and its items. */
record Page<T>(int page, int size, List<T> items) {

}
