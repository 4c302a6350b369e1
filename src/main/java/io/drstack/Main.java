package io.drstack;

import com.hashicorp.cdktf.App;
import io.drstack.config.ConfigException;
import io.drstack.config.ConfigLoader;
import io.drstack.config.DrConfig;

/** Builds the app and the stack; nothing else. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    App app = new App();
    DrConfig config;
    try {
      config = ConfigLoader.load(app, System.getenv());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    new TapStack(app, config);
    app.synth();
  }
}
