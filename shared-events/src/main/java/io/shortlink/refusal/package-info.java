/**
 * The refusals both sides give, as plain exceptions: the domain throws them without knowing HTTP, and the HTTP edge
 * answers each as problem+json (RFC 9457) with the status of its reason and its stable code.
 */
package io.shortlink.refusal;
