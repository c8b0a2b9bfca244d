package dev.flumekit.interceptor;

/** An interceptor's counters in JMX and Flume's HTTP monitoring (as {@code INTERCEPTOR.<name>}). */
public interface InterceptorCounterMBean {
  /** Events the interceptor was given. */
  long getEventsSeen();

  /** Events it returned to the source, changed or not. */
  long getEventsPassed();

  /** Events it removed: filtered out, or dropped by an error policy. */
  long getEventsDropped();

  /**
   * Events it could not process as configured (unparsable line, missing time, absent template
   * header); each is also counted as passed or dropped, as its policy said.
   */
  long getEventsFailed();

  long getStartTime();

  long getStopTime();

  String getType();

  /** The class of the builder that made the interceptor, as the configuration's type names it. */
  String getBuilderType();

  /** A digest of its settings, without secrets (see SettingsDigest). */
  String getSettingsDigest();
}
