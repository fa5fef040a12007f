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
-#}
with

statements as (

    select * from {{ ref('fact_metric') }}

),

articles as (

    select * from {{ ref('dim_article') }}

),

parks as (

    select * from {{ ref('dim_park') }}

),

companies as (

    select * from {{ ref('dim_company') }}

),

metrics as (

    select * from {{ ref('dim_metric') }}

),

subject_statements as (

    select
        statements.metric_fact_id,
        statements.article_id,
        statements.subject_type,
        case
            when statements.subject_type = 'park' then statements.park_id
            else companies.park_id
        end as park_id,
        case
            when statements.subject_type = 'company' then statements.company_id
        end as company_id,
        case
            when statements.subject_type = 'park' then statements.park_id
            else statements.company_id
        end as subject_key,
        case
            when statements.subject_type = 'park' then parks.park_name
            else companies.company_name
        end as subject_name,
        statements.metric_id,
        metrics.metric_code,
        {{ metric_key('statements.metric_raw') }} as metric_key,
        statements.unit,
        statements.is_growth,
        statements.period_label,
        statements.period_start,
        statements.period_end,
        statements.value,
        statements.qualifier,
        statements.raw_text,
        statements.evidence,
        statements.char_start,
        articles.published_on,
        case statements.qualifier
            when 'eq' then 1
            when 'gte' then 2
            when 'gt' then 3
            when 'lt' then 3
            else 4
        end as qualifier_rank,
        length(regexp_replace(statements.raw_text, '[^0-9]', '', 'g')) as digit_count,
        case
            when statements.qualifier in ('eq', 'gt', 'gte') then statements.value
            when statements.qualifier = 'approx'
                then statements.value - 0.1 * abs(statements.value)
        end as lower_bound,
        case
            when statements.qualifier in ('eq', 'lt') then statements.value
            when statements.qualifier = 'approx'
                then statements.value + 0.1 * abs(statements.value)
        end as upper_bound
    from statements
    inner join articles
        on statements.article_id = articles.article_id
    inner join metrics
        on statements.metric_id = metrics.metric_id
    left join parks
        on statements.park_id = parks.park_id
    left join companies
        on statements.company_id = companies.company_id
    where
        (statements.subject_type = 'park' and statements.park_id is not null)
        or (statements.subject_type = 'company' and statements.company_id is not null)

),

value_frequencies as (

    select
        *,
        count(*) over (
            partition by
                subject_type,
                subject_key,
                metric_id,
                metric_key,
                period_label,
                period_start,
                period_end,
                is_growth,
                unit,
                value
        ) as value_frequency
    from subject_statements

),

ranked_statements as (

    select
        *,
        row_number() over (
            partition by
                subject_type,
                subject_key,
                metric_id,
                metric_key,
                period_label,
                period_start,
                period_end,
                is_growth,
                unit
            order by
                published_on desc nulls last,
                qualifier_rank asc,
                value_frequency desc,
                digit_count desc,
                article_id asc,
                char_start asc,
                metric_fact_id asc
        ) as recency_rank
    from value_frequencies

),

grouped as (

    select
        subject_type,
        subject_key,
        metric_id,
        metric_key,
        period_label,
        period_start,
        period_end,
        is_growth,
        unit,
        cast(count(*) as integer) as statement_count,
        cast(count(distinct value) as integer) as distinct_value_count,
        cast(count(distinct article_id) as integer) as article_count,
        min(value) as min_value,
        max(value) as max_value,
        max(lower_bound) as greatest_lower_bound,
        min(upper_bound) as least_upper_bound,
        min(published_on) as first_published_on,
        list(metric_fact_id order by metric_fact_id) as metric_fact_ids
    from ranked_statements
    group by
        subject_type,
        subject_key,
        metric_id,
        metric_key,
        period_label,
        period_start,
        period_end,
        is_growth,
        unit

),

agreed as (

    select * from ranked_statements
    where recency_rank = 1

),

final as (

    select
        substr(
            md5(
                concat_ws(
                    '|',
                    agreed.subject_type,
                    agreed.subject_key,
                    agreed.metric_id,
                    agreed.metric_key,
                    agreed.period_label,
                    coalesce(cast(agreed.period_start as varchar), ''),
                    coalesce(cast(agreed.period_end as varchar), ''),
                    cast(agreed.is_growth as varchar),
                    agreed.unit
                )
            ),
            1,
            16
        ) as reconciled_metric_id,
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
        agreed.evidence as latest_evidence,
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
        agreed.raw_text as agreed_raw_text,
        grouped.article_count,
        grouped.first_published_on,
        agreed.metric_key

    from agreed
    inner join grouped
        on
            agreed.subject_type = grouped.subject_type
            and agreed.subject_key = grouped.subject_key
            and agreed.metric_id = grouped.metric_id
            and agreed.metric_key = grouped.metric_key
            and agreed.period_label = grouped.period_label
            and agreed.period_start is not distinct from grouped.period_start
            and agreed.period_end is not distinct from grouped.period_end
            and agreed.is_growth = grouped.is_growth
            and agreed.unit = grouped.unit

)

select * from final
