package org.nipcgateway.bench;

/**
 * One slice of SCIM creates against a running gateway, for {@code bench/creates-ab}: {@code
 * CreateLoad <base-url> <token> <first-device> <count> <clients>} prints "creates seconds p50-ms
 * errors". Devices are numbered from {@code first}, so that slices of one gateway never collide.
 */
public final class CreateLoad {
  private CreateLoad() {}

  public static void main(String[] args) {
    DeviceLoader loader = new DeviceLoader(new Http(), args[0], args[1]);
    DeviceLoader.Loaded loaded =
        loader.create(
            Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
    LoadResult r = loaded.creates();
    System.out.printf("%d %.3f %.2f %d%n", r.requests(), r.seconds(), r.p50Ms(), r.errors());
  }
}
