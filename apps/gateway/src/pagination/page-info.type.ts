import { Field, ObjectType } from '@nestjs/graphql';

/** Where a connection's page ends, shared by every connection. */
@ObjectType()
export class PageInfo {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' }) endCursor!: string | null;
}
