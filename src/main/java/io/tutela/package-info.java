@NullMarked
package io.tutela;

import org.jspecify.annotations.NullMarked;
