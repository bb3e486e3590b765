package io.bluegreen.workflows;

import io.bluegreen.workflows.model.Colour;
import io.bluegreen.workflows.model.WorkerSwitch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a restore undoes: every move the cutover made, or began. Each switch, traffic or webhook
 * move appends its undo here <em>before</em> it is made, so a move that was in flight when the
 * cutover was interrupted or failed is undone too. {@link Restore} replays the log in the domain's
 * order, Blue first: Blue's switches back on (the latest first; generation 2: back as they were
 * before the cutover, which each switch's earliest undo records), the traffic key and the webhook
 * back to Blue; then Green's switches off. An empty log means Blue was never touched.
 */
final class UndoLog {
  /**
   * The undo of one move: turn a switch back ({@code on}), or point traffic and the webhook back at
   * Blue.
   */
  record Undo(Kind kind, Colour colour, WorkerSwitch name, boolean on) {
    enum Kind {
      SWITCH,
      TRAFFIC,
      WEBHOOK
    }

    static Undo switchBack(Colour colour, WorkerSwitch name, boolean wasOn) {
      return new Undo(Kind.SWITCH, colour, name, wasOn);
    }

    static Undo traffic() {
      return new Undo(Kind.TRAFFIC, Colour.BLUE, null, false);
    }

    static Undo webhook() {
      return new Undo(Kind.WEBHOOK, Colour.BLUE, null, false);
    }
  }

  private final List<Undo> entries = new ArrayList<>();

  /**
   * The move whose activity started and has not returned: it may still act until its attempt runs
   * out.
   */
  private Undo inFlight;

  /**
   * Before a move: its undo goes into the log, and the move counts as in flight until {@link
   * #landed}.
   */
  void before(Undo undo) {
    entries.add(undo);
    inFlight = undo;
  }

  /** After the move returned. */
  void landed() {
    inFlight = null;
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Blue's switches to turn back on, the latest move first. */
  List<WorkerSwitch> blueSwitches() {
    return switches(Colour.BLUE);
  }

  /**
   * Blue's switches as they were before the cutover first moved them (the undo of each switch's
   * earliest move), the latest move first.
   */
  Map<WorkerSwitch, Boolean> blueSwitchesAsTheyWere() {
    Map<WorkerSwitch, Boolean> was = new LinkedHashMap<>();
    for (WorkerSwitch name : blueSwitches()) {
      for (Undo u : entries) {
        if (u.kind() == Undo.Kind.SWITCH && u.colour() == Colour.BLUE && u.name() == name) {
          was.put(name, u.on());
          break;
        }
      }
    }
    return was;
  }

  /** Green's switches to turn back off, the latest move first. */
  List<WorkerSwitch> greenSwitches() {
    return switches(Colour.GREEN);
  }

  /** Whether the traffic key or the webhook moved (or began to) towards Green. */
  boolean trafficMoved() {
    return entries.stream().anyMatch(u -> u.kind() != Undo.Kind.SWITCH);
  }

  /** The colour of a switch that may still be acting after the restore began, or null. */
  Colour switchInFlight() {
    return inFlight != null && inFlight.kind() == Undo.Kind.SWITCH ? inFlight.colour() : null;
  }

  /**
   * Whether a move of the traffic key or the webhook to Green was in flight: it may still land
   * after the restore pointed them back at Blue, so the key could say green while Blue serves.
   */
  boolean trafficInFlight() {
    return inFlight != null && inFlight.kind() != Undo.Kind.SWITCH;
  }

  /** After a restore that put Blue back: the next cutover attempt starts from nothing to undo. */
  void clear() {
    entries.clear();
    inFlight = null;
  }

  private List<WorkerSwitch> switches(Colour colour) {
    Set<WorkerSwitch> names = new LinkedHashSet<>();
    for (int i = entries.size() - 1; i >= 0; i--) {
      Undo u = entries.get(i);
      if (u.kind() == Undo.Kind.SWITCH && u.colour() == colour) {
        names.add(u.name());
      }
    }
    return List.copyOf(names);
  }
}
