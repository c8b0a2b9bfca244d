package dev.flumekit.tools;

import dev.flumekit.common.tooling.DeliveryLink;
import dev.flumekit.common.tooling.Reachable;
import java.time.Duration;
import java.util.List;
import org.apache.flume.Context;

/**
 * A fake component that says of itself what its {@code fake.*} keys say: its link of a flow ({@link
 * DeliveryLink}) and what it cannot reach or write ({@link Reachable}), answered at once.
 */
interface FakeDescription extends DeliveryLink, Reachable {
  /** The keys the component was configured with. */
  Context fakeKeys();

  @Override
  default String deliveryGuarantee() {
    return fakeKeys().getString("fake.guarantee");
  }

  @Override
  default String deliveryReason() {
    return fakeKeys().getString("fake.reason");
  }

  @Override
  default boolean deduplicates() {
    return fakeKeys().getBoolean("fake.deduplicates", false);
  }

  @Override
  default String takeGuarantee() {
    return fakeKeys().getString("fake.takeGuarantee");
  }

  @Override
  default String takeReason() {
    return fakeKeys().getString("fake.takeReason");
  }

  @Override
  default List<String> unreachable(Duration timeout) {
    return lines("fake.unreachable");
  }

  @Override
  default List<String> unwritable() {
    return lines("fake.unwritable");
  }

  private List<String> lines(String key) {
    String failure = fakeKeys().getString("fake.fail");
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
    String line = fakeKeys().getString(key);
    return line == null ? List.of() : List.of(line);
  }
}
