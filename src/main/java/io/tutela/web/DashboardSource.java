package io.tutela.web;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A module that has something for the DPO's dashboard: its figures for one controller,
 * each linking to the list it counts.
 */
public interface DashboardSource {

	List<Figure> figures(String controllerId, Instant now);

	/**
	 * One figure: a headline number and, for a chart, its parts.
	 *
	 * @param id a stable id ({@code breaches-open})
	 * @param title the message key of its title
	 * @param tone {@code ok}, {@code warn} or {@code late}: how urgent it is
	 * @param href the list the number counts
	 * @param order where it stands on the dashboard, lowest first
	 */
	record Figure(String id, String title, long value, String tone, String href, List<Bar> bars, int order) {
	}

	/** A part of a figure: the message key of its label, its number and its own list. */
	record Bar(String label, long value, String tone, @Nullable String href) {
	}

}
