package dev.flumekit.hbase.sink;

import org.apache.hadoop.hbase.client.Mutation;

/**
 * A mutation of a batch and the events it came from: if HBase refuses it, those events are dead
 * letters.
 */
record OutgoingMutation(Mutation mutation, int... events) {}
