package io.bluegreen.devstack;

/** One piece of the local stack as `dev status` shows it. pid is -1 when not running. */
public record PieceStatus(String piece, long pid, String address, boolean running, String note) {}
