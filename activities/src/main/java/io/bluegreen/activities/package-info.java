/**
 * The activity implementations of a bluegreen worker, one package per feature. The entry point is
 * {@link BlueGreenActivities#create}, which wires every activity to one set of {@code Connections}
 * for the worker to register. Packages depend one way: {@code connections} at the bottom; {@code
 * support} on it; {@code copy} on those; {@code sync} on {@code copy}; {@code itential} on {@code
 * connections}; {@code cutover} and {@code provisioning} on {@code itential}; {@code preflight},
 * which looks at everything before anything is written, on {@code copy}, {@code itential} and
 * {@code provisioning}; and this package on all of them.
 */
package io.bluegreen.activities;
