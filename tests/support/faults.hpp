// Fault injection against the test PostgreSQL: a FaultProxy in front of it, engines that go
// through the proxy, and the server-side faults (terminated backends, a restart).
#pragma once

#include <chrono>

#include "support/fault_proxy.hpp"
#include "support/test_support.hpp"

namespace retort::testing {

/// A proxy in front of the test server.
FaultProxy proxy_to_server();
/// An engine on the test server through `proxy`: one pooled connection, a 1 s statement
/// deadline and `grace` after it, unless `options` says otherwise.
Engine engine_through(FaultProxy& proxy, std::chrono::milliseconds grace = std::chrono::seconds(2),
                      EngineOptions options = {});
/// Ends every server process of the test database but the caller's; returns how many.
int terminate_backends(Connection& admin);
/// Whether restart_server() can work: the harness started the server (pg_throwaway), rather
/// than RETORT_TEST_PG_URL naming one.
bool can_restart_server();
/// Restarts the test server (pg_ctl restart, fast mode: every connection is cut). Throws when
/// it fails.
void restart_server();

}  // namespace retort::testing
