package io.bluegreen.workflows.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Itential Platform release as the platform or the request states it: {@code 2023.1}, {@code
 * 2023.2} (Itential Automation Platform, "IAP") or {@code 6}, {@code 6.0.3} (Itential Platform 6,
 * the successor of 2023.2). Ordered by age, so a downgrade can be recognised. Pure, so the workflow
 * and request validation may use it.
 */
public record ItentialRelease(int major, int minor, String text)
    implements Comparable<ItentialRelease> {
  /** The oldest release bluegreen supports: the first with the Workflow Engine worker API. */
  public static final ItentialRelease OLDEST_SUPPORTED = new ItentialRelease(2023, 1, "2023.1");

  private static final Pattern YEAR = Pattern.compile("(20\\d\\d)\\.(\\d+)(?:\\.[0-9A-Za-z.+-]*)?");
  private static final Pattern PLATFORM =
      Pattern.compile("([1-9]\\d?)(?:\\.(\\d+))?(?:\\.[0-9A-Za-z.+-]*)?");

  /** The flavours that differ in how bluegreen talks to them. */
  public enum Flavour {
    /**
     * 2023.1 and 2023.2: workers start per processJobsOnStart/processTasksOnStart in
     * properties.json.
     */
    IAP_2023("processJobsOnStart", "processTasksOnStart", "properties.json"),
    /**
     * Platform 6: workers start per job_worker_enabled/task_worker_enabled in the platform
     * configuration.
     */
    PLATFORM_6("job_worker_enabled", "task_worker_enabled", "the platform configuration");

    public final String jobStartupSetting;
    public final String taskStartupSetting;
    public final String startupSettingsLiveIn;

    Flavour(String jobStartupSetting, String taskStartupSetting, String startupSettingsLiveIn) {
      this.jobStartupSetting = jobStartupSetting;
      this.taskStartupSetting = taskStartupSetting;
      this.startupSettingsLiveIn = startupSettingsLiveIn;
    }
  }

  /** The release a text names, or null when it names none. */
  public static ItentialRelease parse(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    Matcher m = YEAR.matcher(t);
    if (m.matches()) {
      return new ItentialRelease(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), t);
    }
    m = PLATFORM.matcher(t);
    if (m.matches() && Integer.parseInt(m.group(1)) >= 6) {
      return new ItentialRelease(
          Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)), t);
    }
    return null;
  }

  /** Platform 6 and later are numbered from 6 on; the yearly IAP releases before them. */
  public boolean platformNumbered() {
    return major < 2000;
  }

  public boolean supported() {
    return compareTo(OLDEST_SUPPORTED) >= 0;
  }

  public Flavour flavour() {
    return platformNumbered() ? Flavour.PLATFORM_6 : Flavour.IAP_2023;
  }

  @Override
  public int compareTo(ItentialRelease o) {
    if (platformNumbered() != o.platformNumbered()) {
      return platformNumbered() ? 1 : -1;
    }
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return text;
  }
}
