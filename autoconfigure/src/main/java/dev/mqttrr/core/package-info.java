/**
 * Request/response core: the connection, the request template, value types and exceptions.
 */
@NullMarked
package dev.mqttrr.core;

import org.jspecify.annotations.NullMarked;
