package dev.flumekit.web;

import java.util.Arrays;
import java.util.List;

/**
 * The {@code client_auth_type} values of the Prometheus exporters' web config that verify what they
 * accept. {@code RequestClientCert} and {@code RequireAnyClientCert} accept a certificate no CA
 * signed, which is no authentication: they are refused.
 */
enum ClientAuth {
  NoClientCert(false),
  VerifyClientCertIfGiven(true),
  RequireAndVerifyClientCert(true);

  final boolean needsCa;

  ClientAuth(boolean needsCa) {
    this.needsCa = needsCa;
  }

  static List<String> names() {
    return Arrays.stream(values()).map(Enum::name).toList();
  }
}
