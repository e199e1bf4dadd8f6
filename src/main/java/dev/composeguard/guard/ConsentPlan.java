package dev.composeguard.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * What one guarded call needs a human to accept, gathered from every step (lint errors, drift findings, the
 * destroy plan with its fresh backup) and shown once, before the one question ({@link GuardedCall#askOnce}).
 * Steps add parts; nothing is asked or printed here.
 */
public final class ConsentPlan {
    /**
     * One step's contribution.
     *
     * @param lines   what the human reads (already free of secret values)
     * @param refusal why the call stops if nobody says yes, one clause ("lint found 2 error(s) (CG108)")
     */
    public record Part(List<String> lines, String refusal) {
        public Part {
            lines = List.copyOf(lines);
        }
    }

    private final List<Part> parts = new ArrayList<>();
    private final List<Runnable> afterYes = new ArrayList<>();
    private String word;
    private String backup;

    /** Adds a part that needs {@code word} (the project name) typed; every part of one call names the same word. */
    public void add(String word, Part part) {
        if (this.word != null && !this.word.equals(word)) {
            // Two projects in one call cannot be confirmed with one word: fail closed, loudly.
            throw new IllegalStateException("one call needs consent for two projects: " + this.word + ", " + word);
        }
        this.word = word;
        parts.add(part);
    }

    /**
     * Work that must wait for the human's yes (re-checking that the plan still holds, answering compose's own
     * question, the off-host copy); run by {@link GuardedCall#askOnce} in the order added. It may refuse by throwing.
     */
    public void afterYes(Runnable work) {
        afterYes.add(work);
    }

    /** Runs the {@link #afterYes} work, in order. */
    void confirmed() {
        afterYes.forEach(Runnable::run);
    }

    /** Where the backup just taken is kept (said again if the call is not confirmed). */
    public void backupAt(String dir) {
        this.backup = dir;
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    public String word() {
        return word;
    }

    public String backup() {
        return backup;
    }

    /** Every part's lines, a blank line between parts. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Part p : parts) {
            if (!out.isEmpty()) {
                out.add("");
            }
            out.addAll(p.lines());
        }
        return out;
    }

    /** The parts' refusal clauses joined with "; ". */
    public String refusals() {
        List<String> r = new ArrayList<>();
        parts.forEach(p -> r.add(p.refusal()));
        return String.join("; ", r);
    }
}
