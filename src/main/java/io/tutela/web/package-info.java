/**
 * Shared web plumbing only: problem details for every API error, the page layout,
 * language selection. Each module owns its own pages and endpoints.
 */
@NullMarked
package io.tutela.web;

import org.jspecify.annotations.NullMarked;
