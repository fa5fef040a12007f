{#-
    The latest figure each zone reports for each key metric (levels, not change
    rates), whatever the year: the reconciled figure whose period ends last (undated
    ones last), then the one published last.
-#}
with

reconciled as (

    select * from {{ ref('agg_reconciled_metric') }}

),

key_figures as (

    select
        reconciled_metric_id,
        park_id,
        subject_name,
        metric_code,
        agreed_value,
        unit,
        agreed_qualifier,
        period_label,
        period_start,
        period_end,
        latest_published_on,
        statement_count,
        is_conflict,
        agreed_raw_text,
        latest_evidence,
        row_number() over (
            partition by park_id, metric_code
            order by
                period_end desc nulls last,
                latest_published_on desc nulls last,
                period_start asc nulls last,
                reconciled_metric_id asc
        ) as recency_rank
    from reconciled
    where
        subject_type = 'park'
        and not is_growth
        and metric_code in (
            'gdp',
            'industrial_output',
            'revenue',
            'import_export',
            'enterprise_count',
            'high_tech_enterprise_count',
            'talent_count',
            'patent_count',
            'rd_intensity'
        )

),

final as (

    select
        subject_name as park_name,
        metric_code,
        agreed_value,
        unit,
        agreed_qualifier,
        period_label,
        period_start,
        period_end,
        latest_published_on,
        statement_count,
        is_conflict,
        agreed_raw_text,
        latest_evidence
    from key_figures
    where recency_rank = 1

)

select * from final
order by park_name asc, metric_code asc
