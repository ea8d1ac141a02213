import { Field, ID, ObjectType } from '@nestjs/graphql';

/** The answer of `sweepReport`. */
@ObjectType({ description: 'The sweep report: Markdown, SVG heatmap and learning curves, CSV export, HTML page.' })
export class SweepReportType {
  @Field(() => ID) sweepId!: string;
  @Field({ description: 'Where the stored report lies in S3 (`sweeps/{id}/report`).' }) reportKey!: string;
  @Field({ description: 'True when read from S3; false when rendered now (running sweeps are never stored).' })
  stored!: boolean;
  @Field() markdown!: string;
  @Field() heatmapSvg!: string;
  @Field() curvesSvg!: string;
  @Field({ description: 'One row per finished trial: config, status, accuracy, provenance.' }) csv!: string;
  @Field({ description: 'The self-contained HTML page (inline CSS and SVG, no scripts).' }) html!: string;
  @Field({ description: 'Path of the HTML page on this gateway (`/reports/{id}/report.html`, same API key).' })
  htmlUrl!: string;
}
