# Writes test/data/evalue_reference.csv: E-values from R's EValue package (Mathur, Ding,
# Riddell and VanderWeele), the reference of causal.evalue in test/pgtap/47_sensitivity.sql.
# EValue is not in Debian: its R files are sourced from a checkout of the public repository
# mayamathur/evalue_package (commit 333d022 was used).
#
# Usage: Rscript test/scripts/make_evalue_reference.R EVALUE_DIR > test/data/evalue_reference.csv
args <- commandArgs(trailingOnly = TRUE)
for (f in c("utils.R", "effect_measures.R", "EValue.R")) source(file.path(args[1], "EValue", "R", f))
suppressMessages({
cases <- list(
  list("RR", 3.9, 1.8, 8.7, NA, NA, NA),        # VanderWeele and Ding's smoking example
  list("RR", 0.80, 0.71, 0.91, NA, NA, NA),     # EValue's example
  list("RR", 1.5, 0.9, 2.4, NA, NA, NA),        # an interval through the null
  list("RR", 0.6, NA, NA, NA, NA, NA),          # point only
  list("RR", 2.0, 1.5, 2.6, NA, NA, 1.2),       # a non-null true value below the estimate
  list("RR", 1.1, 1.05, 1.2, NA, NA, 1.5),      # a true value beyond the estimate
  list("OR", 2.5, 1.6, 3.9, TRUE, NA, NA),
  list("OR", 2.5, 1.6, 3.9, FALSE, NA, NA),
  list("OR", 0.5, 0.3, 0.9, FALSE, NA, NA),
  list("HR", 0.56, 0.46, 0.69, FALSE, NA, NA),
  list("HR", 1.8, 1.2, 2.7, FALSE, NA, NA),
  list("HR", 1.8, 1.2, 2.7, TRUE, NA, NA),
  list("SMD", 0.5, NA, NA, NA, 0.1, NA),
  list("SMD", -0.3, NA, NA, NA, 0.2, NA),
  list("SMD", 0.4, NA, NA, NA, 0.1, 0.1))
cat("measure,estimate,lower,upper,rare,se,true_value,rr,rr_lower,rr_upper,evalue,evalue_lower,evalue_upper\n")
fmt <- function(x) if (is.na(x)) "" else format(x, digits = 17)
for (c in cases) {
  m <- c[[1]]; est <- c[[2]]; lo <- c[[3]]; hi <- c[[4]]; rare <- c[[5]]; se <- c[[6]]; tv <- c[[7]]
  r <- switch(m,
    RR = evalues.RR(est, lo, hi, true = if (is.na(tv)) 1 else tv),
    OR = evalues.OR(est, lo, hi, rare = rare, true = if (is.na(tv)) 1 else tv),
    HR = evalues.HR(est, lo, hi, rare = rare, true = if (is.na(tv)) 1 else tv),
    SMD = evalues.MD(est, se, true = if (is.na(tv)) 0 else tv))
  cat(paste(c(m, fmt(est), fmt(lo), fmt(hi), if (is.na(rare)) "" else tolower(rare), fmt(se), fmt(tv),
              fmt(r[1, 1]), fmt(r[1, 2]), fmt(r[1, 3]), fmt(r[2, 1]), fmt(r[2, 2]), fmt(r[2, 3])),
            collapse = ","), "\n", sep = "")
}
})
