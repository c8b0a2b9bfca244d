package dev.flumekit.web;

import java.security.KeyStore;
import java.util.List;

/**
 * What {@code tls_server_config} resolved to: the server's key and certificate chain, loaded into
 * an in-memory key store, the client CAs (if any) as a trust store, and the protocols allowed.
 *
 * @param trustStore null when no {@code client_ca_file} is given
 */
record TlsSettings(
    KeyStore keyStore,
    String keyStorePassword,
    KeyStore trustStore,
    ClientAuth clientAuth,
    List<String> protocols) {}
