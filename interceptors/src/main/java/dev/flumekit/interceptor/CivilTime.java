package dev.flumekit.interceptor;

/** Calendar arithmetic for hand-parsed timestamps, without java.time's allocation. */
final class CivilTime {
  private static final int[] DAYS_IN_MONTH = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private CivilTime() {}

  /**
   * Epoch milliseconds of a wall-clock time at a UTC offset, or {@code Long.MIN_VALUE} if a field
   * is out of range.
   */
  static long epochMillis(
      int year, int month, int day, int hour, int minute, int second, int offsetSeconds) {
    if (month < 1
        || month > 12
        || day < 1
        || day > DAYS_IN_MONTH[month - 1]
        || (month == 2 && day == 29 && !isLeap(year))
        || hour > 23
        || minute > 59
        || second > 60
        || offsetSeconds < -18 * 3600
        || offsetSeconds > 18 * 3600) {
      return Long.MIN_VALUE;
    }
    long days = daysFromCivil(year, month, day);
    long seconds =
        days * 86400 + hour * 3600L + minute * 60L + Math.min(second, 59) - offsetSeconds;
    return seconds * 1000;
  }

  private static boolean isLeap(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
  private static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yearOfEra = y - era * 400;
    int monthIndex = month > 2 ? month - 3 : month + 9;
    int dayOfYear = (153 * monthIndex + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097L + dayOfEra - 719468;
  }

  /** 1-12 for an English three-letter month abbreviation in any case, else 0. */
  static int month(byte a, byte b, byte c) {
    int key = ((a | 0x20) << 16) | ((b | 0x20) << 8) | (c | 0x20);
    return switch (key) {
      case ('j' << 16) | ('a' << 8) | 'n' -> 1;
      case ('f' << 16) | ('e' << 8) | 'b' -> 2;
      case ('m' << 16) | ('a' << 8) | 'r' -> 3;
      case ('a' << 16) | ('p' << 8) | 'r' -> 4;
      case ('m' << 16) | ('a' << 8) | 'y' -> 5;
      case ('j' << 16) | ('u' << 8) | 'n' -> 6;
      case ('j' << 16) | ('u' << 8) | 'l' -> 7;
      case ('a' << 16) | ('u' << 8) | 'g' -> 8;
      case ('s' << 16) | ('e' << 8) | 'p' -> 9;
      case ('o' << 16) | ('c' << 8) | 't' -> 10;
      case ('n' << 16) | ('o' << 8) | 'v' -> 11;
      case ('d' << 16) | ('e' << 8) | 'c' -> 12;
      default -> 0;
    };
  }

  /** The value of {@code count} ASCII digits at {@code from}, or -1 if one is not a digit. */
  static int digits(byte[] b, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }
}
