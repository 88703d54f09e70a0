import { putItem, transactWrite, TransactionRejected, type LabelledItem } from "../booking/transact";
import { emptyReviewAggregate, type ReviewAggregate } from "./aggregate";
import type { ReviewEntities } from "./entities";
import type { ReviewSubjectKind } from "./policy";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

/**
 * Run `items` in one transaction with the subject's figures changed by `change` (none: unchanged).
 * The figures carry a version, written on condition that it is still the one read, so two changes
 * at once cannot lose one another; a lost race reads again (a few times). Returns "done", or the
 * label of the item whose condition failed ("figures" when the races were all lost).
 */
export async function writeWithFigures(
  deps: { client: DynamoDBDocumentClient; entities: ReviewEntities },
  kind: ReviewSubjectKind,
  id: string,
  change: ((aggregate: ReviewAggregate) => ReviewAggregate) | undefined,
  items: LabelledItem[],
): Promise<string> {
  const { client, entities } = deps;
  for (let attempt = 1; attempt <= 4; attempt++) {
    const figures: LabelledItem[] = [];
    if (change) {
      const { data } = await entities.ReviewFigures.get({ subjectKind: kind, subjectId: id }).go();
      const aggregate = change((data?.aggregate as ReviewAggregate | undefined) ?? emptyReviewAggregate());
      const version = (data?.version ?? 0) + 1;
      figures.push(
        data
          ? putItem("figures", entities.ReviewFigures.put({ subjectKind: kind, subjectId: id, aggregate, version }).where((a, op) => op.eq(a.version, data.version)).params())
          : putItem("figures", entities.ReviewFigures.create({ subjectKind: kind, subjectId: id, aggregate, version }).params()),
      );
    }
    try {
      await transactWrite(client, [...items, ...figures]);
      return "done";
    } catch (error) {
      if (!(error instanceof TransactionRejected)) throw error;
      const other = error.failedLabels.find((label) => label !== "figures");
      if (other) return other;
    }
  }
  return "figures";
}
