package dev.flumekit.web;

import dev.flumekit.common.config.ConfigProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A web config file in the Prometheus exporters' style: {@code tls_server_config} (PEM certificate
 * and PKCS#8 key, optional client CAs) and {@code basic_auth_users} (bcrypt hashes as {@code
 * htpasswd -nBC 10 USER} writes them). Everything is read and checked at load, and every problem is
 * reported at once; no password, hash or key is ever part of a message.
 */
public final class WebConfig {
  /** No file: plain HTTP, no authentication. */
  public static final WebConfig NONE = new WebConfig(null, Map.of());

  private static final Set<String> TOP = Set.of("tls_server_config", "basic_auth_users");
  private static final Set<String> TLS =
      Set.of("cert_file", "key_file", "client_ca_file", "client_auth_type", "min_version");

  /** The exporters' keys this server does not offer: named as such, not as misspellings. */
  private static final Set<String> TLS_UNSUPPORTED =
      Set.of(
          "cert",
          "key",
          "client_ca",
          "cipher_suites",
          "curve_preferences",
          "max_version",
          "prefer_server_cipher_suites",
          "client_allowed_sans");

  private static final Map<String, List<String>> MIN_VERSIONS =
      Map.of("TLS12", List.of("TLSv1.2", "TLSv1.3"), "TLS13", List.of("TLSv1.3"));
  private static final Pattern BCRYPT =
      Pattern.compile("\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}");

  private final TlsSettings tls;
  private final Map<String, String> users;

  private WebConfig(TlsSettings tls, Map<String, String> users) {
    this.tls = tls;
    this.users = Map.copyOf(users);
  }

  Optional<TlsSettings> tls() {
    return Optional.ofNullable(tls);
  }

  /** Null without {@code basic_auth_users}. */
  BasicAuth basicAuth() {
    return users.isEmpty() ? null : new BasicAuth(users);
  }

  /** {@code https} with TLS, else {@code http}. */
  public String scheme() {
    return tls == null ? "http" : "https";
  }

  /** What it protects with, for a start-up line: never a name, hash or path of a secret. */
  public String describe() {
    String transport = tls == null ? "plain HTTP" : "TLS (" + tls.clientAuth() + ")";
    return users.isEmpty()
        ? transport + ", no authentication"
        : transport + ", basic auth (" + users.size() + (users.size() == 1 ? " user)" : " users)");
  }

  /**
   * {@link #NONE} if {@code file} is null (not set), else {@link #load}.
   *
   * @throws dev.flumekit.common.config.ConfigException naming every problem
   */
  public static WebConfig loadIfSet(String what, String file) {
    return file == null ? NONE : load(what, Path.of(file));
  }

  /**
   * Reads {@code file}; relative certificate and key paths are taken from its directory.
   *
   * @param what how the operator set it, e.g. {@code webConfigFile}, to name in problems
   * @throws dev.flumekit.common.config.ConfigException naming every problem
   */
  public static WebConfig load(String what, Path file) {
    ConfigProblems problems = new ConfigProblems();
    String component = "web config file " + file + " (" + what + ")";
    String text = null;
    if (!Files.isRegularFile(file)) {
      problems.add(what + " = " + file + ": no such file");
    } else {
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        problems.add(
            what + " = " + file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
      }
    }
    problems.throwIfAny(component);
    Path base = file.toAbsolutePath().getParent();
    WebConfig config = parse(text, base, problems);
    problems.throwIfAny(component);
    return config;
  }

  private static WebConfig parse(String text, Path base, ConfigProblems problems) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      // SnakeYAML's message quotes the offending line, which may hold a hash: give the place only
      problems.add("not valid YAML" + where(e));
      return NONE;
    }
    if (root == null) {
      return NONE;
    }
    Map<String, Object> top = map("the file", root, problems);
    if (top == null) {
      return NONE;
    }
    for (String key : top.keySet()) {
      if (key.equals("http_server_config")) {
        problems.add(
            "http_server_config: not supported by flumekit's web server (it speaks HTTP/1.1 and"
                + " sets no extra headers); remove it");
      } else if (!TOP.contains(key)) {
        problems.add(key + ": unknown key; expected tls_server_config or basic_auth_users");
      }
    }
    TlsSettings tls = null;
    if (top.get("tls_server_config") != null) {
      Map<String, Object> t = map("tls_server_config", top.get("tls_server_config"), problems);
      if (t != null) {
        tls = tls(t, base, problems);
      }
    }
    Map<String, String> users = new LinkedHashMap<>();
    if (top.get("basic_auth_users") != null) {
      Map<String, Object> u = map("basic_auth_users", top.get("basic_auth_users"), problems);
      if (u != null) {
        u.forEach(
            (user, hash) -> {
              if (user.isEmpty() || user.contains(":")) {
                problems.add(
                    "basic_auth_users: a user name must be non-empty and hold no ':' (basic auth"
                        + " separates name and password with it)");
              } else if (!(hash instanceof String s) || !BCRYPT.matcher(s).matches()) {
                // the value is a secret: say what it should be, never what it is
                problems.add(
                    "basic_auth_users."
                        + user
                        + ": not a bcrypt hash; expected $2y$, $2b$ or $2a$ with a cost from 04 to"
                        + " 31, as written by: htpasswd -nBC 10 "
                        + user);
              } else {
                users.put(user, s);
              }
            });
      }
    }
    return new WebConfig(tls, users);
  }

  private static TlsSettings tls(Map<String, Object> t, Path base, ConfigProblems problems) {
    int before = problems.list().size();
    for (String key : t.keySet()) {
      if (TLS_UNSUPPORTED.contains(key)) {
        problems.add(
            "tls_server_config."
                + key
                + ": not supported by flumekit's web server; use cert_file, key_file,"
                + " client_ca_file, client_auth_type and min_version");
      } else if (!TLS.contains(key)) {
        problems.add(
            "tls_server_config."
                + key
                + ": unknown key; expected one of cert_file, key_file, client_ca_file,"
                + " client_auth_type, min_version");
      }
    }
    Path certFile = path(t, "cert_file", base, true, problems);
    Path keyFile = path(t, "key_file", base, true, problems);
    Path caFile = path(t, "client_ca_file", base, false, problems);

    String authName = string(t, "client_auth_type", problems);
    ClientAuth clientAuth =
        caFile == null ? ClientAuth.NoClientCert : ClientAuth.RequireAndVerifyClientCert;
    if (authName != null) {
      if (ClientAuth.names().contains(authName)) {
        clientAuth = ClientAuth.valueOf(authName);
      } else if (authName.equals("RequestClientCert") || authName.equals("RequireAnyClientCert")) {
        problems.add(
            "tls_server_config.client_auth_type = '"
                + authName
                + "': accepts a client certificate no CA signed; expected one of "
                + ClientAuth.names());
      } else {
        problems.add(
            "tls_server_config.client_auth_type = '"
                + authName
                + "': expected one of "
                + ClientAuth.names());
      }
    }
    if (clientAuth.needsCa && caFile == null && authName != null) {
      problems.add(
          "tls_server_config.client_auth_type = '"
              + authName
              + "' needs client_ca_file, the CA certificates that sign the clients'");
    }
    if (!clientAuth.needsCa && caFile != null) {
      problems.add(
          "tls_server_config.client_ca_file is set but client_auth_type is NoClientCert; set"
              + " client_auth_type to RequireAndVerifyClientCert or VerifyClientCertIfGiven, or"
              + " remove client_ca_file");
    }

    String minVersion = string(t, "min_version", problems);
    List<String> protocols = MIN_VERSIONS.get("TLS12");
    if (minVersion != null) {
      if (MIN_VERSIONS.containsKey(minVersion)) {
        protocols = MIN_VERSIONS.get(minVersion);
      } else {
        problems.add(
            "tls_server_config.min_version = '"
                + minVersion
                + "': expected TLS12 (the default) or TLS13; the JDK disables TLS 1.0 and 1.1");
      }
    }

    List<X509Certificate> chain =
        certFile == null
            ? List.of()
            : PemFiles.certificates("tls_server_config.cert_file", certFile, problems);
    PrivateKey key =
        keyFile == null
            ? null
            : PemFiles.privateKey("tls_server_config.key_file", keyFile, problems);
    if (key != null && !chain.isEmpty() && !PemFiles.matches(key, chain.get(0))) {
      problems.add(
          "tls_server_config.key_file = "
              + keyFile
              + ": not the private key of the first certificate of cert_file = "
              + certFile);
    }
    List<X509Certificate> cas =
        caFile == null
            ? List.of()
            : PemFiles.certificates("tls_server_config.client_ca_file", caFile, problems);
    if (problems.list().size() > before || key == null || chain.isEmpty()) {
      return null;
    }
    try {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String password = Base64.getEncoder().encodeToString(random);
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry(
          "server", key, password.toCharArray(), chain.toArray(new X509Certificate[0]));
      KeyStore trust = null;
      if (!cas.isEmpty()) {
        trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        for (int i = 0; i < cas.size(); i++) {
          trust.setCertificateEntry("ca-" + i, cas.get(i));
        }
      }
      return new TlsSettings(keys, password, trust, clientAuth, protocols);
    } catch (GeneralSecurityException | IOException e) {
      problems.add(
          "tls_server_config: the key and certificates cannot be held in a key store ("
              + e.getMessage()
              + ")");
      return null;
    }
  }

  private static Path path(
      Map<String, Object> t, String key, Path base, boolean required, ConfigProblems problems) {
    String value = string(t, key, problems);
    if (value == null) {
      if (required) {
        problems.add("tls_server_config." + key + " is required with tls_server_config");
      }
      return null;
    }
    Path p = Path.of(value);
    return base == null || p.isAbsolute() ? p : base.resolve(p);
  }

  private static String string(Map<String, Object> t, String key, ConfigProblems problems) {
    Object value = t.get(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String s) || s.isBlank()) {
      problems.add("tls_server_config." + key + " = '" + value + "': expected a non-empty string");
      return null;
    }
    return s;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(String what, Object value, ConfigProblems problems) {
    if (!(value instanceof Map<?, ?> m)
        || !m.keySet().stream().allMatch(String.class::isInstance)) {
      problems.add(what + ": expected a mapping of names to values");
      return null;
    }
    return (Map<String, Object>) m;
  }

  private static String where(YAMLException e) {
    if (e instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked
        && marked.getProblemMark() != null) {
      return " at line "
          + (marked.getProblemMark().getLine() + 1)
          + ", column "
          + (marked.getProblemMark().getColumn() + 1)
          + " ("
          + marked.getProblem()
          + ")";
    }
    return "";
  }
}
