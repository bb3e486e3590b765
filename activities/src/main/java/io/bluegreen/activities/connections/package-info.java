/**
 * The worker's named connections and what keeps their secrets in the worker: MongoDB, Redis and
 * Itential API endpoints with their TLS and credentials, the HTTP client for URLs in requests and
 * the request policy that limits them, the state database's name, what servers say they are, and
 * the scrubbing of passwords and tokens from every message. The entry point is {@link Connections},
 * built by the worker from its configuration; workflows only ever name a connection. This package
 * depends on no other activities package.
 */
package io.bluegreen.activities.connections;
