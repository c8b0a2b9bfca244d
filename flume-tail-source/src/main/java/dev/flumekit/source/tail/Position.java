package dev.flumekit.source.tail;

import java.nio.file.Path;

/**
 * Where reading a file resumes: the offset after the last byte of the last event the channel
 * committed, for the file identified by {@code key} and {@code fingerprint}, last seen at {@code
 * path}, whose lines carry {@code identity} in their line ids (null: read from a version-1
 * positions file, which did not save it).
 */
record Position(FileKey key, Fingerprint fingerprint, long offset, Path path, String identity) {}
