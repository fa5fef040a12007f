-- Do the sources agree? Every figure that more than one statement reports (a figure stated
-- once agrees with nothing), one row each, with the two sentences to read side by side: the
-- agreed statement's and the one farthest from it. Conflicts (statements that disagree
-- beyond rounding, agg_reconciled_metric.is_conflict) first, then the figures stated most
-- often. All statements of a figure: marts.rpt_figure_agreement, by reconciled_metric_id.
with

figures as (

    select * from {{ ref('agg_reconciled_metric') }}

),

articles as (

    select * from {{ ref('dim_article') }}

),

final as (

    select
        figures.is_conflict,
        figures.statement_count,
        figures.article_count,
        figures.subject_name,
        figures.metric_code,
        figures.period_label,
        figures.unit,
        figures.is_growth,
        figures.agreed_value,
        figures.min_value,
        figures.max_value,
        figures.agreed_qualifier,
        figures.agreed_raw_text,
        agreed_article.published_on as agreed_published_on,
        agreed_article.source_file as agreed_source_file,
        figures.latest_evidence as agreed_evidence,
        figures.farthest_value,
        figures.farthest_raw_text,
        farthest_article.published_on as farthest_published_on,
        farthest_article.source_file as farthest_source_file,
        figures.farthest_evidence,
        figures.reconciled_metric_id
    from figures
    inner join articles as agreed_article
        on figures.latest_article_id = agreed_article.article_id
    inner join articles as farthest_article
        on figures.farthest_article_id = farthest_article.article_id
    where figures.statement_count > 1

)

select * from final
order by
    is_conflict desc,
    statement_count desc,
    subject_name asc,
    metric_code asc,
    period_label asc,
    reconciled_metric_id asc
