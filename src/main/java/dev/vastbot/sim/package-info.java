/**
 * A simulated Vast.ai marketplace and a loopback HTTP server that speaks the real Vast.ai REST API
 * (same paths, JSON shapes, status codes and quirks), so the real client runs against it unchanged.
 *
 * <p>Entry points: {@link dev.vastbot.sim.SimMarketplace} (the in-memory market, driven by an
 * injected {@link java.time.Clock}; no background threads), {@link dev.vastbot.sim.SimVastServer}
 * (the HTTP front on 127.0.0.1), {@link dev.vastbot.sim.SimFaults} (switchable fault injection) and
 * {@link dev.vastbot.sim.HostAttachment} (where a running instance's SSH endpoint comes from). The
 * sim shares no wire types with the {@code vast} client: it builds raw JSON with Jackson.
 */
package dev.vastbot.sim;
