package dev.flumekit.common.isolation;

import dev.flumekit.common.tooling.DeliveryLink;
import dev.flumekit.common.tooling.EventTap;
import dev.flumekit.common.tooling.Reachable;
import dev.flumekit.common.tooling.RecordPreview;
import dev.flumekit.common.tooling.TakePreview;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.flume.Context;
import org.apache.flume.NamedComponent;
import org.apache.flume.conf.Configurable;
import org.apache.flume.lifecycle.LifecycleAware;
import org.apache.flume.lifecycle.LifecycleState;

/**
 * What every plugin facade does, whatever the component: creates the real component inside the
 * plugin's isolated class loader and forwards configuration, lifecycle and name to it, with that
 * loader as the thread's context class loader. {@link PluginFacadeSink}, {@link PluginFacadeSource}
 * and {@link PluginFacadeChannel} add the calls of their kind.
 *
 * @param <T> the kind of component (Sink, PollableSource, Channel)
 */
abstract class PluginFacade<T extends LifecycleAware & NamedComponent>
    implements LifecycleAware,
        NamedComponent,
        Configurable,
        Reachable,
        RecordPreview,
        DeliveryLink,
        EventTap,
        TakePreview {
  protected final PluginCalls calls;
  protected final T delegate;

  /**
   * @param kind the component interface the implementation must implement
   * @param implementationClassName the component to run in the plugin's class loader
   * @param apiPackages packages extensions of the plugin implement (see {@link
   *     PluginIsolation#loaderFor})
   */
  PluginFacade(Class<T> kind, String implementationClassName, String... apiPackages) {
    this.calls = new PluginCalls(PluginIsolation.loaderFor(getClass(), Set.of(apiPackages)));
    this.delegate = calls.create(implementationClassName, kind);
  }

  @Override
  public void configure(Context context) {
    calls.run(() -> ((Configurable) delegate).configure(context));
  }

  @Override
  public void start() {
    calls.run(delegate::start);
  }

  @Override
  public void stop() {
    calls.run(delegate::stop);
  }

  @Override
  public List<String> unreachable(Duration timeout) {
    return delegate instanceof Reachable r ? calls.call(() -> r.unreachable(timeout)) : List.of();
  }

  @Override
  public List<String> unwritable() {
    return delegate instanceof Reachable r ? calls.call(r::unwritable) : List.of();
  }

  @Override
  public Map<String, String> preview(Map<String, String> headers, byte[] body) {
    return delegate instanceof RecordPreview p
        ? calls.call(() -> p.preview(headers, body))
        : Map.of();
  }

  /** A component that does not read Kafka hands an event over as it is. */
  @Override
  public Map.Entry<Map<String, String>, byte[]> taken(
      String topic,
      int partition,
      String key,
      Long timestamp,
      Map<String, String> headers,
      byte[] body) {
    return delegate instanceof TakePreview p
        ? calls.call(() -> p.taken(topic, partition, key, timestamp, headers, body))
        : Map.entry(headers, body);
  }

  @Override
  public String deliveryGuarantee() {
    return delegate instanceof DeliveryLink d ? calls.call(d::deliveryGuarantee) : null;
  }

  @Override
  public String deliveryReason() {
    return delegate instanceof DeliveryLink d ? calls.call(d::deliveryReason) : null;
  }

  @Override
  public boolean deduplicates() {
    return delegate instanceof DeliveryLink d && calls.call(d::deduplicates);
  }

  @Override
  public String takeGuarantee() {
    return delegate instanceof DeliveryLink d ? calls.call(d::takeGuarantee) : null;
  }

  @Override
  public String takeReason() {
    return delegate instanceof DeliveryLink d ? calls.call(d::takeReason) : null;
  }

  @Override
  public String tapped() {
    return delegate instanceof EventTap t ? calls.call(t::tapped) : null;
  }

  @Override
  public int tap(int count, Duration timeout, Consumer<Tapped> out) {
    if (!(delegate instanceof EventTap t)) {
      throw new IllegalStateException(getName() + " does not read or write Kafka topics");
    }
    return calls.call(() -> t.tap(count, timeout, out));
  }

  @Override
  public LifecycleState getLifecycleState() {
    return delegate.getLifecycleState();
  }

  @Override
  public void setName(String name) {
    calls.run(() -> delegate.setName(name));
  }

  @Override
  public String getName() {
    return delegate.getName();
  }

  @Override
  public String toString() {
    return delegate.toString();
  }
}
