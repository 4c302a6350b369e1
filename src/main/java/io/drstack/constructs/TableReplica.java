package io.drstack.constructs;

/**
 * The global table as one region reaches it: its name, the same in every region, and the ARN of its
 * replica in that region.
 *
 * @param name the table's name
 * @param arn the replica's ARN, in its own region
 */
public record TableReplica(String name, String arn) {

  /**
   * The replica of {@code tableName} in {@code region}, its ARN built from that region's account
   * facts: the table resource is the primary's, and a reference to it would cross regions.
   */
  public static TableReplica in(Region region, String tableName) {
    return new TableReplica(tableName, region.arn("dynamodb", "table/" + tableName));
  }
}
