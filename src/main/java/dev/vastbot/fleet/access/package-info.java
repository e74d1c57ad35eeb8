/**
 * Who may run which command, and where: each command's {@link dev.vastbot.fleet.access.Effect},
 * the {@link dev.vastbot.fleet.access.Caller} it comes from, and the {@link
 * dev.vastbot.service.access.AccessPolicy} the router enforces for every face. JDK only.
 */
package dev.vastbot.fleet.access;
