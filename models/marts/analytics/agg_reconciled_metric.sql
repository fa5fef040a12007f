{#-
    One figure per subject, metric, period, growth flag and unit, reconciled from
    every statement that reports it (`fact_metric`).

    - subject: the zone (`park_id`) of a statement whose subject is the zone, the
      company (`company_id`) of a statement whose subject is a company; statements
      about anything else, or whose subject did not resolve, are left out.
    - agreed value: the value of the latest statement by `published_on` (undated
      last); among statements of the same date the most precise qualifier wins
      (eq, then gte, then gt / lt, then approx), then the most frequent value, then
      the value written with the most digits, then the first in the text.
    - metric: the canonical metric and the metric phrase as written, normalised
      (`metric_key`: white space, the subject's own name and words such as 该企业 /
      累计 / 已 removed), because one canonical code covers distinct figures of one
      article (知识产权298件，其中发明专利10件、软件著作权252件 are all `patent_count`).
    - conflict: the statements disagree beyond rounding: the relative spread
      (max - min) / max(|max|, |min|) is over 1 %, and the intervals the
      qualifiers allow (eq: the value; gt / gte: the value or more; lt: the value
      or less; approx: within 10 % of it) have no point in common, allowing 1 % for
      rounding. Never a conflict for the catch-all `other` metric, whose statements
      are about different things.

    The statements, their grain and their ranks are `int_reconciled_statements`; this
    model aggregates them, one row per figure. Incremental by figure
    (`macros/incremental/figures.sql`): a build rebuilds the figures reconciled again.
-#}
{{
    config(
        materialized='incremental',
        on_schema_change='fail',
        pre_hook="{{ forget_reconciled_figures() }}"
    )
}}

with

statements as (

    select * from {{ ref('int_reconciled_statements') }}
    where {{ figures_reconciled_now() }}

),

facts as (

    select * from {{ ref('fact_metric') }}

),

articles as (

    select * from {{ ref('dim_article') }}

),

grouped as (

    select
        reconciled_metric_id,
        cast(count(*) as integer) as statement_count,
        cast(count(distinct value) as integer) as distinct_value_count,
        cast(count(distinct article_id) as integer) as article_count,
        min(value) as min_value,
        max(value) as max_value,
        max(lower_bound) as greatest_lower_bound,
        min(upper_bound) as least_upper_bound,
        min(published_on) as first_published_on,
        {{ list_agg('metric_fact_id', order_by='metric_fact_id') }} as metric_fact_ids
    from statements
    group by reconciled_metric_id

),

agreed as (

    select * from statements
    where agreement_rank = 1

),

-- the statement farthest from the agreed value (ties: the latest, then the first by id):
-- beside the agreed statement, the sentence to read when asking whether the sources agree
by_distance as (

    select
        statements.reconciled_metric_id,
        statements.metric_fact_id,
        statements.value,
        statements.article_id,
        statements.published_on,
        row_number() over (
            partition by statements.reconciled_metric_id
            order by
                abs(statements.value - agreed.value) desc,
                statements.published_on desc nulls last,
                statements.metric_fact_id asc
        ) as distance_rank
    from statements
    inner join agreed
        on statements.reconciled_metric_id = agreed.reconciled_metric_id

),

farthest as (

    select * from by_distance
    where distance_rank = 1

),

final as (

    select
        agreed.reconciled_metric_id,
        agreed.park_id,
        agreed.company_id,
        agreed.subject_type,
        agreed.subject_name,
        agreed.metric_id,
        agreed.metric_code,
        agreed.unit,
        agreed.is_growth,
        agreed.period_label,
        agreed.period_start,
        agreed.period_end,
        agreed.value as agreed_value,
        grouped.statement_count,
        grouped.distinct_value_count,
        grouped.min_value,
        grouped.max_value,
        agreed.article_id as latest_article_id,
        agreed.published_on as latest_published_on,
        facts.evidence as latest_evidence,
        coalesce(
            agreed.metric_code != 'other'
            and grouped.max_value - grouped.min_value
            > 0.01 * greatest(abs(grouped.max_value), abs(grouped.min_value))
            and grouped.greatest_lower_bound - grouped.least_upper_bound
            > 0.01 * greatest(
                abs(grouped.greatest_lower_bound), abs(grouped.least_upper_bound)
            ),
            false
        ) as is_conflict,
        grouped.metric_fact_ids,
        agreed.metric_fact_id as agreed_metric_fact_id,
        agreed.qualifier as agreed_qualifier,
        facts.raw_text as agreed_raw_text,
        grouped.article_count,
        grouped.first_published_on,
        agreed.metric_key,
        farthest.metric_fact_id as farthest_metric_fact_id,
        farthest.value as farthest_value,
        farthest_facts.raw_text as farthest_raw_text,
        farthest.article_id as farthest_article_id,
        farthest_facts.evidence as farthest_evidence,
        -- where each of the two was printed, so `figure_agreement` reads one table
        latest_articles.source_file as latest_source_file,
        farthest.published_on as farthest_published_on,
        farthest_articles.source_file as farthest_source_file

    from agreed
    inner join grouped
        on agreed.reconciled_metric_id = grouped.reconciled_metric_id
    inner join facts
        on agreed.metric_fact_id = facts.metric_fact_id
    inner join farthest
        on agreed.reconciled_metric_id = farthest.reconciled_metric_id
    inner join facts as farthest_facts
        on farthest.metric_fact_id = farthest_facts.metric_fact_id
    inner join articles as latest_articles
        on agreed.article_id = latest_articles.article_id
    inner join articles as farthest_articles
        on farthest.article_id = farthest_articles.article_id

)

select * from final
-- stored a subject and a figure at a time: rebuilding a figure touches one row group, and
-- a query about one zone or company reads only the row groups that hold it
order by subject_type, coalesce(park_id, company_id), reconciled_metric_id
