/**
 * The {@code mqtt} health indicator, for applications with Spring Boot's health support.
 */
@NullMarked
package dev.mqttrr.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
