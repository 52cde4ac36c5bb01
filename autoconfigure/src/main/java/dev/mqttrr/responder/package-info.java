/**
 * Responder endpoints, their registry, method invocation and the reply path.
 */
@NullMarked
package dev.mqttrr.responder;

import org.jspecify.annotations.NullMarked;
