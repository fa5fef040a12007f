{#-
    Do the sources agree? One row per statement behind a reconciled figure, with the
    figure beside it, so all the sentences of a figure can be read side by side,
    stored joined rather than an unnest and three joins over every statement. Stored
    by subject, so one zone's statements (the analysis `zone_metric_history`) or one
    figure's are a few row groups.

    Incremental by figure (`macros/incremental/figures.sql`): a build rebuilds the rows
    of the figures reconciled again.
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

figures as (

    select * from {{ ref('agg_reconciled_metric') }}

),

facts as (

    select * from {{ ref('fact_metric') }}

),

articles as (

    select * from {{ ref('dim_article') }}

),

final as (

    select
        figures.is_conflict,
        figures.statement_count,
        figures.subject_name,
        figures.metric_code,
        figures.period_label,
        figures.unit,
        figures.is_growth,
        figures.agreed_value,
        figures.min_value,
        figures.max_value,
        statements.value,
        statements.qualifier,
        facts.metric_raw,
        facts.raw_text,
        articles.published_on,
        articles.source_file,
        facts.evidence,
        figures.reconciled_metric_id,
        statements.metric_fact_id,
        statements.agreement_rank,
        statements.subject_type,
        statements.subject_key,
        statements.period_start,
        statements.period_end
    from statements
    inner join figures
        on statements.reconciled_metric_id = figures.reconciled_metric_id
    inner join facts
        on statements.metric_fact_id = facts.metric_fact_id
    inner join articles
        on statements.article_id = articles.article_id

)

select * from final
-- stored a subject and a figure at a time: rebuilding a figure touches one row group, and
-- a query about one zone or company reads only the row groups that hold it
order by subject_type, subject_key, reconciled_metric_id, agreement_rank
