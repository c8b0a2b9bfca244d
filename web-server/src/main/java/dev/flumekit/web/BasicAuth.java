package dev.flumekit.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP basic authentication against bcrypt hashes ({@code basic_auth_users}). A bcrypt check costs
 * tens of milliseconds by design; a scraper sends the same credentials every few seconds, so the
 * last verified credentials of each user are remembered, as a keyed digest (never the password),
 * and compared in constant time. Unknown users cost a bcrypt too, at the highest cost of the
 * configured hashes, so that timing does not tell which names exist. One bcrypt runs at a time: a
 * client sending wrong passwords on many connections costs one core, never all of them (a check
 * that cannot start within a second is refused).
 */
final class BasicAuth {
  private final Map<String, byte[]> hashes;

  /** A hash of a password nobody knows, at the usual cost: unknown users are checked against it. */
  private final byte[] nobody;

  private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
  private final SecretKeySpec cacheKey;
  private final Semaphore checking = new Semaphore(1, true);

  /**
   * @param hashes user name to bcrypt hash, already validated
   */
  BasicAuth(Map<String, String> hashes) {
    this.hashes = new ConcurrentHashMap<>();
    hashes.forEach((user, hash) -> this.hashes.put(user, hash.getBytes(StandardCharsets.UTF_8)));
    SecureRandom random = new SecureRandom();
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    cacheKey = new SecretKeySpec(secret, "HmacSHA256");
    random.nextBytes(secret);
    int cost = 4;
    for (String hash : hashes.values()) {
      // $2y$10$...: validated before, the cost is the two digits after the version
      cost = Math.max(cost, Integer.parseInt(hash.substring(4, 6)));
    }
    // capped: the hash is made at start, and a cost of 15 already takes seconds
    nobody = BCrypt.withDefaults().hash(Math.min(cost, 14), Base64.getEncoder().encode(secret));
  }

  /** Whether an {@code Authorization} header (null if none) names a user and their password. */
  boolean allows(String authorization) {
    if (authorization == null || authorization.length() < 6) {
      return false;
    }
    if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return false;
    }
    String credentials;
    try {
      credentials =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
    int colon = credentials.indexOf(':');
    if (colon < 0) {
      return false;
    }
    String user = credentials.substring(0, colon);
    byte[] password = credentials.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
    byte[] hash = hashes.get(user);
    byte[] digest = digest(user, password);
    if (hash != null && MessageDigest.isEqual(digest, verified.get(user))) {
      return true;
    }
    try {
      if (!checking.tryAcquire(1, TimeUnit.SECONDS)) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    try {
      boolean ok = bcrypt(password, hash == null ? nobody : hash) && hash != null;
      if (ok) {
        verified.put(user, digest);
      }
      return ok;
    } finally {
      checking.release();
    }
  }

  private static boolean bcrypt(byte[] password, byte[] hash) {
    try {
      return BCrypt.verifyer().verify(password, hash).verified;
    } catch (IllegalArgumentException tooLongOrMalformed) {
      return false;
    }
  }

  private byte[] digest(String user, byte[] password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(cacheKey);
      mac.update(user.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(password);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
