-- Do the sources agree? Every figure that more than one statement reports (a figure stated
-- once agrees with nothing), one row each, with the two sentences to read side by side: the
-- agreed statement's and the one farthest from it. Conflicts (statements that disagree
-- beyond rounding, agg_reconciled_metric.is_conflict) first, then the figures stated most
-- often. All statements of a figure: marts.rpt_figure_agreement, by reconciled_metric_id.
with

figures as (

    select * from {{ ref('agg_reconciled_metric') }}

),

final as (

    select
        is_conflict,
        statement_count,
        article_count,
        subject_name,
        metric_code,
        period_label,
        unit,
        is_growth,
        agreed_value,
        min_value,
        max_value,
        agreed_qualifier,
        agreed_raw_text,
        latest_published_on as agreed_published_on,
        latest_source_file as agreed_source_file,
        latest_evidence as agreed_evidence,
        farthest_value,
        farthest_raw_text,
        farthest_published_on,
        farthest_source_file,
        farthest_evidence,
        reconciled_metric_id
    from figures
    where statement_count > 1

)

select * from final
order by
    is_conflict desc,
    statement_count desc,
    subject_name asc,
    metric_code asc,
    period_label asc,
    reconciled_metric_id asc
