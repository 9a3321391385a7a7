package org.nipcgateway.core.nipc.extension.callback;

/**
 * What an extension's status and callback bodies carry as {@code id}. The extensions' OpenAPI files
 * differ: Extension-ReadConditional.yaml's examples show the device,
 * Extension-EventConditional.yaml and Extension-File.yaml the instance; each extension follows its
 * own file.
 */
public enum BodyId {
  DEVICE,
  INSTANCE
}
