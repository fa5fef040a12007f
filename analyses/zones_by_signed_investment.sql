-- Zones ranked by the investment of the projects signed (签约/落户) in the latest year with signings.
{{ zones_by_investment('signed') }}
