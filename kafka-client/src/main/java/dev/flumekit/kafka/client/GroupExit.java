package dev.flumekit.kafka.client;

import java.time.Duration;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.CloseOptions.GroupMembershipOperation;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * How a stopping component's consumer leaves its group. A static member (group.instance.id) that
 * merely closes stays in the group until the session timeout, its partitions unread, since the
 * group expects it back; a component that stops leaves explicitly, so the others take its
 * partitions over at once. Only a member that dies (kill -9, a crash) is waited for, and it gets
 * its partitions back when it starts again.
 */
public final class GroupExit {
  private GroupExit() {}

  public static void leaveAndClose(Consumer<?, ?> consumer, Duration timeout) {
    consumer.close(
        CloseOptions.groupMembershipOperation(GroupMembershipOperation.LEAVE_GROUP)
            .withTimeout(timeout));
  }
}
