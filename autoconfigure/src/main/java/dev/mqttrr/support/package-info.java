/**
 * Shared support that depends on nothing else of mqtt-rr: header names, slot counting, exception
 * unwrapping.
 */
@NullMarked
package dev.mqttrr.support;

import org.jspecify.annotations.NullMarked;
