package dev.flumekit.source;

import dev.flumekit.source.tail.AbstractTailSource;
import dev.flumekit.source.tail.TailSourceConfig;
import dev.flumekit.source.tail.TailSourceCounter;

/**
 * Tails log files into a Flume channel without losing or repeating lines across rotation and
 * restarts. Configure as {@code type = dev.flumekit.source.TailSource}:
 *
 * <pre>
 * a1.sources.r1.type = dev.flumekit.source.TailSource
 * a1.sources.r1.channels = c1
 * a1.sources.r1.positionFile = /var/lib/flume/tail.positions
 * a1.sources.r1.filegroups = nginx app
 * a1.sources.r1.filegroups.nginx = /var/log/nginx/*.log
 * a1.sources.r1.headers.nginx.log = access
 * a1.sources.r1.filegroups.app = /var/log/app/app.log
 * a1.sources.r1.multiline.continuation = ^(\s+at |\s+\.\.\. \d+ more|Caused by: )
 * </pre>
 *
 * <p>Keys: {@link TailSourceConfig}; counters: {@link TailSourceCounter}.
 */
public final class TailSource extends AbstractTailSource {}
