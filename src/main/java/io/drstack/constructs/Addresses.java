package io.drstack.constructs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.constructs.IConstruct;

/**
 * Terraform addresses of the stack's blocks. A logical ID is Terraform's identity of a resource: a
 * new one means destroy and create. CDKTF derives it from the construct path; this keeps that rule,
 * applied to the path as the stack addresses it, so that constructs may group code without moving a
 * deployed resource:
 *
 * <ul>
 *   <li>a {@link Transparent} construct's id is left out of the addresses below it;
 *   <li>a {@link Prefix} construct's id is joined to each child's with a hyphen: {@code
 *       primary/key} is addressed as {@code primary-key};
 *   <li>an {@link Addressed} construct chooses one of these per instance (a {@link Role} keeps the
 *       addresses its deployed blocks have).
 * </ul>
 *
 * Two blocks that would get one address are refused, naming both paths.
 */
public final class Addresses {

  /** How a construct's id takes part in the addresses of the blocks below it. */
  public enum Mode {
    /** CDKTF's rule: the id is one component of the path. */
    NESTED,
    /** The construct groups code only: its id is no part of the addresses. */
    TRANSPARENT,
    /** The id prefixes each child's, hyphenated. */
    PREFIX
  }

  /** A construct that chooses its {@link Mode}; one that does not is {@link Mode#NESTED}. */
  public interface Addressed {
    Mode addressing();
  }

  /** A construct that groups code only: its id is no part of the addresses below it. */
  public interface Transparent extends Addressed {
    @Override
    default Mode addressing() {
      return Mode.TRANSPARENT;
    }
  }

  /** A construct whose id prefixes each child's, hyphenated. */
  public interface Prefix extends Addressed {
    @Override
    default Mode addressing() {
      return Mode.PREFIX;
    }
  }

  private static final int HASH_LENGTH = 8;
  private static final int MAX_HUMAN_LENGTH = 240;
  private static final int MAX_ID_LENGTH = 255;

  private final Map<String, String> allocated = new HashMap<>();

  /**
   * The logical ID of the block at {@code path} (the constructs below the stack, outermost first).
   */
  public String allocate(List<IConstruct> path) {
    List<String> components = new ArrayList<>();
    String prefix = "";
    for (IConstruct construct : path) {
      String id = construct.getNode().getId();
      switch (construct instanceof Addressed addressed ? addressed.addressing() : Mode.NESTED) {
        case TRANSPARENT -> {}
        case PREFIX -> prefix = prefix + id + "-";
        case NESTED -> {
          components.add(prefix + id);
          prefix = "";
        }
      }
    }
    String logicalId = uniqueId(components);
    String where = String.join("/", path.stream().map(c -> c.getNode().getId()).toList());
    String earlier = allocated.putIfAbsent(logicalId, where);
    if (earlier != null && !earlier.equals(where)) {
      throw new IllegalStateException(
          "two blocks would share the Terraform address "
              + logicalId
              + ": "
              + earlier
              + " and "
              + where);
    }
    return logicalId;
  }

  /** CDKTF 0.19's {@code makeUniqueId}: the readable path, then a hash of the whole path. */
  static String uniqueId(List<String> pathComponents) {
    List<String> components =
        pathComponents.stream().filter(component -> !component.equals("Default")).toList();
    if (components.isEmpty()) {
      throw new IllegalArgumentException("a block needs a path to be addressed");
    }
    if (components.size() == 1 && allowed(components.get(0)).length() <= MAX_ID_LENGTH) {
      return allowed(components.get(0));
    }
    List<String> human = new ArrayList<>();
    for (String component : components) {
      // CDKTF drops a component that the one before it ends with.
      if (human.isEmpty() || !human.get(human.size() - 1).endsWith(component)) {
        human.add(component);
      }
    }
    String readable =
        String.join(
            "_",
            human.stream().filter(c -> !c.equals("Resource")).map(Addresses::allowed).toList());
    return readable.substring(0, Math.min(readable.length(), MAX_HUMAN_LENGTH))
        + "_"
        + hash(String.join("/", components));
  }

  private static String allowed(String component) {
    return component.replaceAll("[^A-Za-z0-9_-]", "");
  }

  private static String hash(String path) {
    try {
      byte[] digest =
          MessageDigest.getInstance("MD5").digest(path.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH).toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is part of every Java platform", e);
    }
  }
}
