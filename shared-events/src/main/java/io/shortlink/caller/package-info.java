/**
 * Who sends a command or a query: the owner of an API key, an admin, or nobody. The web edge puts a {@link
 * io.shortlink.caller.Caller} on each request; commands carry it, and the aggregates decide with it.
 */
package io.shortlink.caller;
